CREATE TABLE "bounty_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"vendor_id" uuid NOT NULL,
	"bounty_id" uuid NOT NULL,
	"submission_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bounty_notices" ADD CONSTRAINT "bounty_notices_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounty_notices" ADD CONSTRAINT "bounty_notices_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounty_notices" ADD CONSTRAINT "bounty_notices_bounty_id_bounties_id_fk" FOREIGN KEY ("bounty_id") REFERENCES "public"."bounties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounty_notices" ADD CONSTRAINT "bounty_notices_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bounty_notices_dedupe_key_unique" ON "bounty_notices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "bounty_notices_unsent_idx" ON "bounty_notices" USING btree ("created_at") WHERE "bounty_notices"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "bounty_notices_vendor_idx" ON "bounty_notices" USING btree ("vendor_id");