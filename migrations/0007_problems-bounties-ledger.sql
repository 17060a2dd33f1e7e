CREATE TYPE "public"."auction_type" AS ENUM('multi', 'sealed');--> statement-breakpoint
CREATE TYPE "public"."bounty_kind" AS ENUM('fixed', 'auction');--> statement-breakpoint
CREATE TYPE "public"."bounty_status" AS ENUM('draft', 'published', 'closed', 'awarded', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('pending_delivery', 'in_progress', 'pending_acceptance', 'accepted', 'paid', 'rejected', 'missed_delivery');--> statement-breakpoint
CREATE TYPE "public"."ledger_account_kind" AS ENUM('funding_source', 'fund', 'reserved', 'payable', 'paid');--> statement-breakpoint
CREATE TYPE "public"."problem_origin" AS ENUM('agency', 'resident');--> statement-breakpoint
CREATE TYPE "public"."problem_status" AS ENUM('new', 'accepted', 'declined', 'in_progress', 'solved');--> statement-breakpoint
CREATE TYPE "public"."vendor_status" AS ENUM('pending', 'verified', 'rejected');--> statement-breakpoint
ALTER TYPE "public"."city_role" ADD VALUE 'contracting_officer';--> statement-breakpoint
CREATE TABLE "bids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"bounty_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"auction_type" "auction_type" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bids_amount_positive" CHECK ("bids"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "bounties" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"problem_id" uuid,
	"kind" "bounty_kind" NOT NULL,
	"auction_type" "auction_type",
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"acceptance_criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"repository_issue_url" text,
	"required_licence" text NOT NULL,
	"deadline_at" timestamp with time zone,
	"delivery_business_days" integer,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"market_estimate_minor" bigint,
	"small_business_only" boolean DEFAULT false NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"status" "bounty_status" DEFAULT 'draft' NOT NULL,
	"assigned_vendor_id" uuid,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bounties_amount_positive" CHECK ("bounties"."amount_minor" > 0),
	CONSTRAINT "bounties_market_estimate_nonnegative" CHECK ("bounties"."market_estimate_minor" is null or "bounties"."market_estimate_minor" >= 0),
	CONSTRAINT "bounties_delivery_days_positive" CHECK ("bounties"."delivery_business_days" is null or "bounties"."delivery_business_days" > 0),
	CONSTRAINT "bounties_kind_shape" CHECK (("bounties"."kind" = 'fixed' and "bounties"."auction_type" is null) or ("bounties"."kind" = 'auction' and "bounties"."auction_type" is not null and "bounties"."starts_at" is not null and "bounties"."ends_at" is not null and "bounties"."ends_at" > "bounties"."starts_at"))
);
--> statement-breakpoint
CREATE TABLE "bounty_settings" (
	"city_id" uuid PRIMARY KEY NOT NULL,
	"micro_purchase_threshold_minor" bigint DEFAULT 1000000 NOT NULL,
	"small_business_band_min_minor" bigint,
	"small_business_band_max_minor" bigint,
	"accepted_licences" text[] DEFAULT '{MIT,Apache-2.0,BSD-3-Clause,GPL-3.0-or-later,AGPL-3.0-or-later,MPL-2.0,CC0-1.0}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bounty_settings_threshold_positive" CHECK ("bounty_settings"."micro_purchase_threshold_minor" > 0),
	CONSTRAINT "bounty_settings_band_ordered" CHECK ("bounty_settings"."small_business_band_min_minor" is null or "bounty_settings"."small_business_band_max_minor" is null or "bounty_settings"."small_business_band_min_minor" <= "bounty_settings"."small_business_band_max_minor")
);
--> statement-breakpoint
CREATE TABLE "city_holidays" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"day" date NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_holidays_city_day_unique" UNIQUE("city_id","day")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"bounty_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"bid_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" "submission_status" DEFAULT 'pending_delivery' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"pull_request_url" text,
	"rejection_reasons" jsonb,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_amount_positive" CHECK ("submissions"."amount_minor" > 0),
	CONSTRAINT "submissions_rejected_has_reasons" CHECK ("submissions"."status" <> 'rejected' or jsonb_array_length(coalesce("submissions"."rejection_reasons", '[]'::jsonb)) > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"kind" "ledger_account_kind" NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_city_kind_currency_unique" UNIQUE("city_id","kind","currency")
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"posting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_lines_amount_nonzero" CHECK ("ledger_lines"."amount_minor" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_postings_city_key_unique" UNIQUE("city_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "problem_supports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"problem_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problem_supports_once_per_person" UNIQUE("problem_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"agency_id" uuid,
	"origin" "problem_origin" NOT NULL,
	"reported_by" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"affected" text DEFAULT '' NOT NULL,
	"frequency" text DEFAULT '' NOT NULL,
	"cost_estimate_minor" bigint,
	"currency" text NOT NULL,
	"process_link" text,
	"status" "problem_status" DEFAULT 'new' NOT NULL,
	"decline_reason" text,
	"triaged_by" uuid,
	"triaged_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("problems"."title", '')), 'A') || setweight(to_tsvector('simple', coalesce("problems"."description", '') || ' ' || coalesce("problems"."affected", '')), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "problems_cost_nonnegative" CHECK ("problems"."cost_estimate_minor" is null or "problems"."cost_estimate_minor" >= 0),
	CONSTRAINT "problems_declined_has_reason" CHECK ("problems"."status" <> 'declined' or length(trim(coalesce("problems"."decline_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"user_id" uuid,
	"legal_name" text NOT NULL,
	"small_business" boolean DEFAULT false NOT NULL,
	"tax_form_on_file" boolean DEFAULT false NOT NULL,
	"payment_reference" text,
	"status" "vendor_status" DEFAULT 'pending' NOT NULL,
	"review_reason" text,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_city_user_unique" UNIQUE("city_id","user_id"),
	CONSTRAINT "vendors_rejected_has_reason" CHECK ("vendors"."status" <> 'rejected' or length(trim(coalesce("vendors"."review_reason", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_bounty_id_bounties_id_fk" FOREIGN KEY ("bounty_id") REFERENCES "public"."bounties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bids" ADD CONSTRAINT "bids_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounties" ADD CONSTRAINT "bounties_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounties" ADD CONSTRAINT "bounties_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounties" ADD CONSTRAINT "bounties_assigned_vendor_id_vendors_id_fk" FOREIGN KEY ("assigned_vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounties" ADD CONSTRAINT "bounties_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounties" ADD CONSTRAINT "bounties_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bounty_settings" ADD CONSTRAINT "bounty_settings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_holidays" ADD CONSTRAINT "city_holidays_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_bounty_id_bounties_id_fk" FOREIGN KEY ("bounty_id") REFERENCES "public"."bounties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_bid_id_bids_id_fk" FOREIGN KEY ("bid_id") REFERENCES "public"."bids"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_postings" ADD CONSTRAINT "ledger_postings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_supports" ADD CONSTRAINT "problem_supports_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_supports" ADD CONSTRAINT "problem_supports_problem_id_problems_id_fk" FOREIGN KEY ("problem_id") REFERENCES "public"."problems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_supports" ADD CONSTRAINT "problem_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problems" ADD CONSTRAINT "problems_triaged_by_users_id_fk" FOREIGN KEY ("triaged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bids_bounty_amount_idx" ON "bids" USING btree ("bounty_id","amount_minor","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "bids_sealed_one_per_vendor" ON "bids" USING btree ("bounty_id","vendor_id") WHERE "bids"."auction_type" = 'sealed';--> statement-breakpoint
CREATE INDEX "bounties_city_status_idx" ON "bounties" USING btree ("city_id","status","created_at");--> statement-breakpoint
CREATE INDEX "bounties_problem_idx" ON "bounties" USING btree ("problem_id");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_open_per_bounty" ON "submissions" USING btree ("bounty_id") WHERE "submissions"."status" not in ('rejected', 'missed_delivery');--> statement-breakpoint
CREATE INDEX "submissions_vendor_idx" ON "submissions" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_account_idx" ON "ledger_lines" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_posting_idx" ON "ledger_lines" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_city_created_idx" ON "ledger_postings" USING btree ("city_id","created_at");--> statement-breakpoint
CREATE INDEX "problem_supports_user_idx" ON "problem_supports" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "problems_city_status_idx" ON "problems" USING btree ("city_id","status","created_at");--> statement-breakpoint
CREATE INDEX "problems_search_idx" ON "problems" USING gin ("search");--> statement-breakpoint
-- Double entry, proven by the database: at commit, every posting touched in the transaction has at
-- least two lines and its lines sum to zero in each currency. Deferred, so that a posting's lines can
-- be written one statement at a time within the transaction.
CREATE FUNCTION "ledger_posting_must_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  checked_posting uuid := coalesce(NEW."posting_id", OLD."posting_id");
  line_count integer;
  unbalanced_currency text;
BEGIN
  SELECT count(*) INTO line_count FROM "ledger_lines" WHERE "posting_id" = checked_posting;
  IF line_count = 0 THEN
    RETURN NULL;
  END IF;
  IF line_count < 2 THEN
    RAISE EXCEPTION 'ledger posting % has a single line', checked_posting USING ERRCODE = '23514', CONSTRAINT = 'ledger_postings_balanced';
  END IF;
  SELECT "currency" INTO unbalanced_currency FROM "ledger_lines" WHERE "posting_id" = checked_posting
    GROUP BY "currency" HAVING sum("amount_minor") <> 0 LIMIT 1;
  IF unbalanced_currency IS NOT NULL THEN
    RAISE EXCEPTION 'ledger posting % does not balance in %', checked_posting, unbalanced_currency USING ERRCODE = '23514', CONSTRAINT = 'ledger_postings_balanced';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "ledger_postings_balanced"
  AFTER INSERT OR UPDATE OR DELETE ON "ledger_lines"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "ledger_posting_must_balance"();
--> statement-breakpoint
-- What was posted stays posted: a mistake is corrected by a new, reversing posting.
CREATE FUNCTION "ledger_lines_are_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger lines cannot be changed; post a reversing entry instead' USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_lines_append_only" BEFORE UPDATE ON "ledger_lines" FOR EACH ROW EXECUTE FUNCTION "ledger_lines_are_append_only"();
