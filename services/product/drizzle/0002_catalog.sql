CREATE TABLE "product_media" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"object_key" text NOT NULL,
	"content_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"position" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_media_object_key_unique" UNIQUE("object_key"),
	CONSTRAINT "product_media_ready_has_position" CHECK (("product_media"."status" = 'ready') = ("product_media"."position" is not null))
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"vendor_id" text PRIMARY KEY NOT NULL,
	"owner_id" uuid NOT NULL,
	"status" text NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"status_at" timestamp with time zone,
	"payouts_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellers_owner_id_unique" UNIQUE("owner_id")
);
--> statement-breakpoint
ALTER TABLE "product_media" ADD CONSTRAINT "product_media_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_media_ready_idx" ON "product_media" USING btree ("product_id","position") WHERE status = 'ready';--> statement-breakpoint
CREATE INDEX "products_vendor_idx" ON "products" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "products_public_idx" ON "products" USING btree ("id") WHERE status = 'active' and deleted_at is null;--> statement-breakpoint
CREATE INDEX "products_public_category_idx" ON "products" USING btree ("category_id","id") WHERE status = 'active' and deleted_at is null;