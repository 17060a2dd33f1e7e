import { Document, parse, Scalar, visit } from "yaml";
import type { PubliccodeDocument } from "../../../../contracts/catalog.ts";

/**
 * Writes a stored publiccode.yml document back as YAML text, keys in the order they were read, so
 * that reading the export gives back exactly the stored data.
 */
export function writePubliccode(document: PubliccodeDocument): string {
  // The same object twice stays written twice: anchors and aliases would puzzle people reading the file.
  const yaml = new Document(document, { aliasDuplicateObjects: false });
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && readsAsOtherThanTextInYaml11(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return yaml.toString({ lineWidth: 0, indentSeq: true });
}

/**
 * Many publiccode.yml readers still use YAML 1.1, where an unquoted 2017-04-15 is a timestamp and
 * `no` is false (YAML 1.2 reads both as text, so the writer would leave them bare). Quoting such
 * text keeps it text for every reader.
 */
function readsAsOtherThanTextInYaml11(value: string): boolean {
  if (value.includes("\n")) return false;
  try {
    const read: unknown = parse(value, { version: "1.1" });
    return typeof read !== "string" || read !== value;
  } catch {
    return true;
  }
}
