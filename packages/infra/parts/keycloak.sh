# Keycloak in dev mode (H2 database in the state folder), from the keycloak-quarkus-dist archive
# on Maven. The realm, its clients and roles come from deploy/keycloak/marketplace-realm.json.
KEYCLOAK_PORT=${KEYCLOAK_PORT:-18080}
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KEYCLOAK_HOME="$CACHE_DIR/keycloak/$KEYCLOAK_VERSION/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_REALM_FILE="$REPO_ROOT/deploy/keycloak/marketplace-realm.json"

keycloak_java() {
  apt_need openjdk-17-jre-headless "$JAVA17_HOME/bin/java"
  [[ -x "$JAVA17_HOME/bin/java" ]] || die "Keycloak needs Java 17+ at $JAVA17_HOME (set JAVA17_HOME)"
}

keycloak_fetch() {
  keycloak_java
  [[ -f "$KEYCLOAK_HOME/.complete" ]] && return 0
  local dir="$CACHE_DIR/keycloak/$KEYCLOAK_VERSION"
  say "infra: fetching Keycloak $KEYCLOAK_VERSION through Maven"
  rm -rf "$dir"
  maven_fetch "org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" "$dir"
  tar -xzf "$dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" -C "$dir" \
    || die "could not unpack Keycloak in $dir (disk full? delete $dir and run again)"
  rm -f "$dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  # The archive is built for production mode; the first `start-dev` rebuilds the Quarkus app
  # for dev mode (~30-60s) and keeps it. `kc.sh build` refuses dev mode, so do that rebuild
  # here: kc.sh re-runs $JAVA with -Dkc.config.built=true once the rebuild is done, and this
  # stand-in for java stops right there instead of starting the server.
  local java="$dir/java-until-built"
  printf '#!/bin/sh\ncase " $* " in *" -Dkc.config.built=true "*) exit 0 ;; esac\nexec "%s/bin/java" "$@"\n' \
    "$JAVA17_HOME" >"$java"
  chmod +x "$java"
  say "infra: building Keycloak for dev mode (once)"
  JAVA="$java" timeout 600 "$KEYCLOAK_HOME/bin/kc.sh" start-dev >"$dir/build.log" 2>&1 \
    || die "building Keycloak for dev mode failed (see $dir/build.log); delete $dir and run again"
  touch "$KEYCLOAK_HOME/.complete"
}

keycloak_start() {
  require_ports keycloak "$KEYCLOAK_PORT"
  [[ -f "$KEYCLOAK_REALM_FILE" ]] || die "missing realm file $KEYCLOAK_REALM_FILE"
  local dir; dir=$(part_dir keycloak)
  # Keycloak skips importing a realm that already exists, so a changed realm file only takes
  # effect on a fresh database: start over (users created since are dropped; it's dev data).
  local sum; sum=$(sha256sum <"$KEYCLOAK_REALM_FILE")
  if [[ -d "$dir/h2" && "$(cat "$dir/realm.sha256" 2>/dev/null)" != "$sum" ]]; then
    say "infra: $KEYCLOAK_REALM_FILE changed; recreating Keycloak's dev database to import it"
    rm -rf "$dir/h2"
  fi
  echo "$sum" >"$dir/realm.sha256"
  # --import-realm reads only <home>/data/import.
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$KEYCLOAK_REALM_FILE" "$KEYCLOAK_HOME/data/import/marketplace-realm.json"
  # Only runtime options here: a build option would make start-dev rebuild the app (slow).
  # The fixed hostname makes every token's iss http://127.0.0.1:<port>/realms/marketplace,
  # whichever address a client used.
  spawn keycloak env JAVA_HOME="$JAVA17_HOME" JAVA_OPTS_KC_HEAP="-Xms128m -Xmx768m" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    "$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --hostname="$KEYCLOAK_URL" --import-realm --db-url="jdbc:h2:file:$dir/h2/keycloakdb;NON_KEYWORDS=VALUE"
}

keycloak_healthy() { http_ok "$KEYCLOAK_URL/realms/marketplace/.well-known/openid-configuration"; }
keycloak_where() { echo "$KEYCLOAK_URL (realm marketplace; admin console $KEYCLOAK_URL/admin, admin/admin)"; }
keycloak_env() {
  echo "KEYCLOAK_URL=$KEYCLOAK_URL"
  echo "KEYCLOAK_REALM=marketplace"
  echo "OIDC_ISSUER=$KEYCLOAK_URL/realms/marketplace"
}
