import { startNotificationService } from "./main.ts";

await startNotificationService();
