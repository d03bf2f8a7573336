import { startProductService } from "./main.ts";

await startProductService();
