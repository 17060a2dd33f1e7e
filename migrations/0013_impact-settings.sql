CREATE TABLE "impact_settings" (
	"city_id" uuid PRIMARY KEY NOT NULL,
	"hour_value_minor" integer NOT NULL,
	"hour_value_year" integer NOT NULL,
	"hour_value_source" text NOT NULL,
	"fiscal_year_start_month" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impact_settings_hour_value" CHECK ("impact_settings"."hour_value_minor" >= 0),
	CONSTRAINT "impact_settings_start_month" CHECK ("impact_settings"."fiscal_year_start_month" between 1 and 12)
);
--> statement-breakpoint
ALTER TABLE "impact_settings" ADD CONSTRAINT "impact_settings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;