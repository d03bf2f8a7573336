import { startIngress } from "./main.ts";

await startIngress();
