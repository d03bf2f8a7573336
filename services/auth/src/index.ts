import { startAuthService } from "./main.ts";

await startAuthService();
