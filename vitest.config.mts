import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "lib/shared/test-server-only.ts") } },
  test: { include: ["lib/**/*.test.ts", "hooks/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.tsx"], exclude: ["**/*.int.test.ts", "node_modules/**"], environment: "node" },
});
