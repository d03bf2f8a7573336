import { z } from "zod";
import { assignableRole } from "../../domain/roles.ts";

export const userRoleParams = z.object({ id: z.string().uuid("must be a user id (UUID)"), role: assignableRole });
