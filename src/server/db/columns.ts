import { timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

/** Column builders shared by every module's tables, so ids and times look the same everywhere. */

export const newId = (): string => uuidv7();

export const idColumn = () => uuid("id").primaryKey().$defaultFn(newId);

export const createdAtColumn = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const updatedAtColumn = () =>
  timestamp("updated_at", { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
