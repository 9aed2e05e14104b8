/**
 * Documentation examples are tests: every ```ts block of README.md and docs/speaker.md runs against the
 * source (its `from "arp-ndp"` imports point at src/index.ts, and `assert` is node:assert/strict), so the
 * documentation cannot drift from the code.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, it } from "vitest";
import { REPO_ROOT } from "./helpers/paths.js";

const DOCUMENTS = ["README.md", "docs/speaker.md"];
const blocks = DOCUMENTS.flatMap((file) =>
  [...readFileSync(path.join(REPO_ROOT, file), "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!),
);
const dir = path.join(REPO_ROOT, "test", ".readme-examples");

describe("documentation examples", () => {
  mkdirSync(dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has examples", () => {
    if (blocks.length < 8) throw new Error(`expected at least 8 TypeScript examples in ${DOCUMENTS.join(", ")}, found ${blocks.length}`);
  });

  blocks.forEach((block, index) => {
    const title = block.split("\n").find((line) => line.trim().length > 0 && !line.startsWith("import")) ?? `block ${index}`;
    it(`example ${index + 1}: ${title.slice(0, 60)}`, async () => {
      const source = `import assert from "node:assert/strict";\n${block.replaceAll('from "arp-ndp"', `from ${JSON.stringify(path.join(REPO_ROOT, "src/index.ts"))}`)}`;
      const file = path.join(dir, `example-${index + 1}.ts`);
      writeFileSync(file, source);
      await import(file);
    });
  });
});
