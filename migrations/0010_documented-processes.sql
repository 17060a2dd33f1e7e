CREATE TABLE "process_rates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"role" text NOT NULL,
	"hourly_rate_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_rates_city_role_unique" UNIQUE("city_id","role"),
	CONSTRAINT "process_rates_nonnegative" CHECK ("process_rates"."hourly_rate_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "process_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"process_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"message" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "process_revisions_process_number_unique" UNIQUE("process_id","number"),
	CONSTRAINT "process_revisions_number_positive" CHECK ("process_revisions"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "processes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"current_revision" integer NOT NULL,
	"as_is_revision" integer,
	"to_be_revision" integer,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processes_revision_positive" CHECK ("processes"."current_revision" >= 1),
	CONSTRAINT "processes_marks_exist" CHECK (coalesce("processes"."as_is_revision", 1) between 1 and "processes"."current_revision" and coalesce("processes"."to_be_revision", 1) between 1 and "processes"."current_revision")
);
--> statement-breakpoint
ALTER TABLE "process_rates" ADD CONSTRAINT "process_rates_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_revisions" ADD CONSTRAINT "process_revisions_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_revisions" ADD CONSTRAINT "process_revisions_process_id_processes_id_fk" FOREIGN KEY ("process_id") REFERENCES "public"."processes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_revisions" ADD CONSTRAINT "process_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processes" ADD CONSTRAINT "processes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "processes_city_agency_idx" ON "processes" USING btree ("city_id","agency_id");--> statement-breakpoint
CREATE FUNCTION "process_revisions_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'process revisions cannot be changed; save a new revision instead' USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "process_revisions_immutable" BEFORE UPDATE ON "process_revisions" FOR EACH ROW EXECUTE FUNCTION "process_revisions_are_immutable"();
