import { defineConfig } from "vitest/config";

// unit: no I/O, runs anywhere. flow: needs the local infrastructure (npm run infra -- up)
// and starts real daprd sidecars; files end in .flow.test.ts.
export default defineConfig({
  test: {
    // Flow files share sidecar app ids and Kafka consumer groups: one file at a time.
    fileParallelism: false,
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "services/*/src/**/*.test.ts"],
          exclude: ["**/*.flow.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "flow",
          include: ["packages/*/src/**/*.flow.test.ts", "services/*/src/**/*.flow.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
