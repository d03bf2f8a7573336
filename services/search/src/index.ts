import { startSearchService } from "./main.ts";

await startSearchService();
