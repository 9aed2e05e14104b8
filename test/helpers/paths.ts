import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Public captures shipped beside the repository (../shared/captures, as in CI's clean clone). */
export const CAPTURES_DIR = path.resolve(REPO_ROOT, "../shared/captures");

/** This repository's own fixtures. */
export const FIXTURES_DIR = path.resolve(REPO_ROOT, "test/fixtures");
