-- One volunteer never holds two overlapping confirmed places. The sign-up statement checks this to
-- name the clash; this constraint makes it hold even for two sign-ups racing each other.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_no_overlapping_confirmed"
  EXCLUDE USING gist ("volunteer_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" = 'confirmed');
