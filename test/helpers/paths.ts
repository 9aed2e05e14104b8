import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Public captures copied into the repository (origins and licences in test/fixtures/public/README.md). */
export const CAPTURES_DIR = path.resolve(REPO_ROOT, "test/fixtures/public");

/** This repository's own fixtures. */
export const FIXTURES_DIR = path.resolve(REPO_ROOT, "test/fixtures");
