CREATE TABLE "budget_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"department" text NOT NULL,
	"program" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"federal_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"imported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_lines_amounts" CHECK ("budget_lines"."federal_minor" >= 0 and "budget_lines"."federal_minor" <= "budget_lines"."total_minor")
);
--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_lines" ADD CONSTRAINT "budget_lines_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "budget_lines_city_year_program_unique" ON "budget_lines" USING btree ("city_id","fiscal_year",lower("department"),lower("program"));--> statement-breakpoint
CREATE INDEX "budget_lines_city_year_idx" ON "budget_lines" USING btree ("city_id","fiscal_year");