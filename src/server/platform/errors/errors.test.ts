import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldProblemsFromZod } from "./index.ts";

function problems(schema: z.ZodType, input: unknown, locale = "en") {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) throw new Error("expected a failure");
  return fieldProblemsFromZod(locale, result.error.issues as unknown as Record<string, unknown>[]);
}

describe("field messages", () => {
  const schema = z.object({ name: z.string().min(2).max(5), email: z.email(), count: z.number().int().min(1), kind: z.enum(["a", "b"]), site: z.url() });

  it("say in plain words what each field needs", () => {
    expect(problems(schema, { name: "abcdefg", email: "x", count: 0, kind: "c", site: "nope" })).toEqual([
      { field: "name", message: "Use at most 5 characters." },
      { field: "email", message: "Enter an email address like name@example.com." },
      { field: "count", message: "Use a number of at least 1." },
      { field: "kind", message: "Choose one of: a, b." },
      { field: "site", message: "Enter a full web address starting with https://." },
    ]);
  });

  it("call a missing or empty field required", () => {
    expect(problems(z.object({ name: z.string().min(2) }), { name: "" })).toEqual([{ field: "name", message: "This is required." }]);
    expect(problems(z.object({ name: z.string() }), {})).toEqual([{ field: "name", message: "This is required." }]);
    expect(problems(z.object({ name: z.string().min(3) }), { name: "ab" })).toEqual([{ field: "name", message: "Use at least 3 characters." }]);
  });

  it("speak Spanish", () => {
    expect(problems(z.object({ name: z.string() }), {}, "es")).toEqual([{ field: "name", message: "Este dato es obligatorio." }]);
    expect(problems(z.object({ email: z.email() }), { email: "x" }, "es")).toEqual([
      { field: "email", message: "Escriba un correo electrónico como nombre@ejemplo.com." },
    ]);
  });

  it("use a message key given by the schema, and name nested fields by their path", () => {
    const nested = z.object({ shifts: z.array(z.object({ slug: z.string().regex(/^[a-z]+$/, { error: "errors.field.slug" }) })) });
    expect(problems(nested, { shifts: [{ slug: "ok" }, { slug: "NO" }] })).toEqual([
      { field: "shifts.1.slug", message: "Use lower-case letters, digits and single hyphens, such as “parks-and-rec”." },
    ]);
  });
});
