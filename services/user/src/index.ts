import { startUserService } from "./main.ts";

await startUserService();
