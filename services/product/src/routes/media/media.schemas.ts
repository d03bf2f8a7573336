import { z } from "zod";
import { id } from "@market/contracts";
import { mediaContentTypes } from "../../domain/media.ts";

export const requestUploadBody = z.strictObject({ contentType: z.enum(mediaContentTypes) });

export const reorderMediaBody = z.strictObject({ mediaIds: z.array(id("med")).min(1).max(100) });

export const productMediaParams = z.object({ id: id("prd") });
export const mediaParams = z.object({ id: id("prd"), mediaId: id("med") });
