import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests against the real Dovecot of scripts/mail-stack.sh (source scripts/test-env.sh first).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname), "server-only": path.resolve(__dirname, "lib/shared/test-server-only.ts") } },
  test: {
    include: ["lib/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
