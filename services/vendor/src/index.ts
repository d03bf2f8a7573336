import { startVendorService } from "./main.ts";

await startVendorService();
