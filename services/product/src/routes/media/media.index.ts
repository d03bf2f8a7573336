import { Hono } from "hono";
import type { AppEnv } from "@market/kit";
import type { Deps } from "../../deps.ts";
import { confirmUpload, deleteMedia, reorderMedia, requestUpload } from "./media.handlers.ts";

/** A product's images, for its vendor: upload by presigned POST, confirm, order, delete. */
export function mediaRouter(deps: Deps) {
  return new Hono<AppEnv>()
    .post("/:id/media/uploads", (c) => requestUpload(deps, c))
    .put("/:id/media/order", (c) => reorderMedia(deps, c))
    .post("/:id/media/:mediaId/confirm", (c) => confirmUpload(deps, c))
    .delete("/:id/media/:mediaId", (c) => deleteMedia(deps, c));
}
