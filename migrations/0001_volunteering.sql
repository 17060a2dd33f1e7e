CREATE TYPE "public"."location_kind" AS ENUM('in_person', 'remote');--> statement-breakpoint
CREATE TYPE "public"."opportunity_status" AS ENUM('draft', 'published', 'archived');--> statement-breakpoint
CREATE TYPE "public"."opportunity_visibility" AS ENUM('public', 'unlisted');--> statement-breakpoint
CREATE TYPE "public"."hours_source" AS ENUM('attendance', 'self_reported');--> statement-breakpoint
CREATE TYPE "public"."hours_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."shift_status" AS ENUM('scheduled', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."signup_status" AS ENUM('confirmed', 'waitlisted', 'cancelled');--> statement-breakpoint
CREATE TABLE "causes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "causes_city_slug_unique" UNIQUE("city_id","slug")
);
--> statement-breakpoint
CREATE TABLE "credential_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"validity_months" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_types_city_slug_unique" UNIQUE("city_id","slug")
);
--> statement-breakpoint
CREATE TABLE "skills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"parent_id" uuid,
	"slug" text NOT NULL,
	"names" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skills_city_slug_unique" UNIQUE("city_id","slug")
);
--> statement-breakpoint
CREATE TABLE "volunteer_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"credential_type_id" uuid NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_credentials_unique" UNIQUE("volunteer_id","credential_type_id")
);
--> statement-breakpoint
CREATE TABLE "volunteer_profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"user_id" uuid,
	"phone" text,
	"birth_date" date,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"skill_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"cause_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"neighbourhood" text,
	"latitude" double precision,
	"longitude" double precision,
	"location" "point" GENERATED ALWAYS AS (case when latitude is not null and longitude is not null then point(longitude * cos(radians(latitude)), latitude) end) STORED,
	"availability" integer DEFAULT 0 NOT NULL,
	"accessibility_needs" text,
	"consent_email" boolean DEFAULT false NOT NULL,
	"consent_sms" boolean DEFAULT false NOT NULL,
	"calendar_token" text NOT NULL,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_profiles_calendar_token_unique" UNIQUE("calendar_token"),
	CONSTRAINT "volunteer_profiles_city_user_unique" UNIQUE("city_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"cause_id" uuid,
	"required_skill_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"required_credential_type_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"required_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"minimum_age" integer,
	"location_kind" "location_kind" NOT NULL,
	"address" text,
	"neighbourhood" text,
	"latitude" double precision,
	"longitude" double precision,
	"location" "point" GENERATED ALWAYS AS (case when latitude is not null and longitude is not null then point(longitude * cos(radians(latitude)), latitude) end) STORED,
	"visibility" "opportunity_visibility" DEFAULT 'public' NOT NULL,
	"status" "opportunity_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shift_settings" (
	"city_id" uuid PRIMARY KEY NOT NULL,
	"first_reminder_hours" integer DEFAULT 24 NOT NULL,
	"second_reminder_hours" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shifts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"waitlist_enabled" boolean DEFAULT true NOT NULL,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"status" "shift_status" DEFAULT 'scheduled' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shifts_time_order" CHECK ("shifts"."ends_at" > "shifts"."starts_at"),
	CONSTRAINT "shifts_capacity_positive" CHECK ("shifts"."capacity" > 0),
	CONSTRAINT "shifts_never_over_capacity" CHECK ("shifts"."confirmed_count" >= 0 and "shifts"."confirmed_count" <= "shifts"."capacity")
);
--> statement-breakpoint
CREATE TABLE "signups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"shift_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"status" "signup_status" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"walk_in" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_because" text,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"first_reminder_sent_at" timestamp with time zone,
	"second_reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"signup_id" uuid,
	"source" "hours_source" NOT NULL,
	"worked_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" "hours_status" DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_hours_minutes_range" CHECK ("volunteer_hours"."minutes" > 0 and "volunteer_hours"."minutes" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "causes" ADD CONSTRAINT "causes_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_types" ADD CONSTRAINT "credential_types_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_parent_id_skills_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."skills"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_volunteer_id_volunteer_profiles_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_credential_type_id_credential_types_id_fk" FOREIGN KEY ("credential_type_id") REFERENCES "public"."credential_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_credentials" ADD CONSTRAINT "volunteer_credentials_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_cause_id_causes_id_fk" FOREIGN KEY ("cause_id") REFERENCES "public"."causes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shift_settings" ADD CONSTRAINT "shift_settings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shifts" ADD CONSTRAINT "shifts_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_shift_id_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signups" ADD CONSTRAINT "signups_volunteer_id_volunteer_profiles_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_volunteer_id_volunteer_profiles_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer_profiles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_signup_id_signups_id_fk" FOREIGN KEY ("signup_id") REFERENCES "public"."signups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_profiles_skills_idx" ON "volunteer_profiles" USING gin ("skill_ids");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_languages_idx" ON "volunteer_profiles" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "volunteer_profiles_location_idx" ON "volunteer_profiles" USING gist ("location");--> statement-breakpoint
CREATE INDEX "opportunities_city_status_idx" ON "opportunities" USING btree ("city_id","status");--> statement-breakpoint
CREATE INDEX "opportunities_agency_idx" ON "opportunities" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "shifts_opportunity_starts_idx" ON "shifts" USING btree ("opportunity_id","starts_at");--> statement-breakpoint
CREATE INDEX "shifts_city_starts_idx" ON "shifts" USING btree ("city_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "signups_one_active_per_shift" ON "signups" USING btree ("shift_id","volunteer_id") WHERE "signups"."status" in ('confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "signups_shift_status_created_idx" ON "signups" USING btree ("shift_id","status","created_at");--> statement-breakpoint
CREATE INDEX "signups_volunteer_status_idx" ON "signups" USING btree ("volunteer_id","status");--> statement-breakpoint
CREATE INDEX "signups_reminders_idx" ON "signups" USING btree ("starts_at") WHERE "signups"."status" = 'confirmed';--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_hours_one_per_signup" ON "volunteer_hours" USING btree ("signup_id");--> statement-breakpoint
CREATE INDEX "volunteer_hours_city_status_idx" ON "volunteer_hours" USING btree ("city_id","status");--> statement-breakpoint
CREATE INDEX "volunteer_hours_volunteer_idx" ON "volunteer_hours" USING btree ("volunteer_id");