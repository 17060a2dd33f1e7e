CREATE TABLE "catalog_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"landing_url" text,
	"short_description" text NOT NULL,
	"license" text NOT NULL,
	"software_type" text NOT NULL,
	"development_status" text NOT NULL,
	"platforms" text[] NOT NULL,
	"categories" text[] NOT NULL,
	"publiccode_version" text NOT NULL,
	"publiccode" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("catalog_entries"."name", '')), 'A') || setweight(to_tsvector('simple', coalesce("catalog_entries"."search_text", '')), 'B')) STORED NOT NULL,
	"agency_ids" uuid[] NOT NULL,
	"problem_ids" uuid[] NOT NULL,
	"bounty_ids" uuid[] NOT NULL,
	"reuse_savings_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"fork_origin" jsonb,
	"fork_base" jsonb,
	"forked_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_entries_savings_nonnegative" CHECK ("catalog_entries"."reuse_savings_minor" >= 0),
	CONSTRAINT "catalog_entries_fork_whole" CHECK (("catalog_entries"."fork_origin" is null) = ("catalog_entries"."forked_at" is null))
);
--> statement-breakpoint
CREATE TABLE "catalog_remote_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"object_url" text NOT NULL,
	"page_url" text,
	"actor_url" text NOT NULL,
	"city_name" text NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"data" jsonb,
	"license" text,
	"development_status" text,
	"categories" text[] NOT NULL,
	"search_text" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce("catalog_remote_entries"."name", '')), 'A') || setweight(to_tsvector('simple', coalesce("catalog_remote_entries"."search_text", '')), 'B')) STORED NOT NULL,
	"published_at" timestamp with time zone,
	"origin_updated_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "catalog_remote_entries_object_unique" UNIQUE("city_id","object_url"),
	CONSTRAINT "catalog_remote_entries_kind" CHECK ("catalog_remote_entries"."kind" in ('software', 'process', 'bounty', 'call'))
);
--> statement-breakpoint
CREATE TABLE "federation_followers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"actor_url" text NOT NULL,
	"inbox_url" text NOT NULL,
	"shared_inbox_url" text,
	"handle" text,
	"name" text NOT NULL,
	"follow_activity_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_followers_actor_unique" UNIQUE("city_id","actor_url")
);
--> statement-breakpoint
CREATE TABLE "federation_following" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"actor_url" text NOT NULL,
	"inbox_url" text NOT NULL,
	"handle" text,
	"name" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"last_received_at" timestamp with time zone,
	CONSTRAINT "federation_following_actor_unique" UNIQUE("city_id","actor_url"),
	CONSTRAINT "federation_following_status" CHECK ("federation_following"."status" in ('pending', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "federation_keys" (
	"city_id" uuid NOT NULL,
	"algorithm" text NOT NULL,
	"private_key" jsonb NOT NULL,
	"public_key" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "federation_keys_city_id_algorithm_pk" PRIMARY KEY("city_id","algorithm")
);
--> statement-breakpoint
CREATE TABLE "federation_kv" (
	"key" text[] PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "federation_published" (
	"id" uuid PRIMARY KEY NOT NULL,
	"city_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"local_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"sent_version" integer DEFAULT 0 NOT NULL,
	"content_hash" text NOT NULL,
	"object" jsonb NOT NULL,
	"first_published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "federation_published_record_unique" UNIQUE("city_id","kind","local_id"),
	CONSTRAINT "federation_published_kind" CHECK ("federation_published"."kind" in ('software', 'process', 'bounty', 'call'))
);
--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_remote_entries" ADD CONSTRAINT "catalog_remote_entries_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_followers" ADD CONSTRAINT "federation_followers_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_following" ADD CONSTRAINT "federation_following_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_keys" ADD CONSTRAINT "federation_keys_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "federation_published" ADD CONSTRAINT "federation_published_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_entries_city_idx" ON "catalog_entries" USING btree ("city_id","updated_at");--> statement-breakpoint
CREATE INDEX "catalog_entries_search_idx" ON "catalog_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "catalog_remote_entries_actor_idx" ON "catalog_remote_entries" USING btree ("city_id","actor_url");--> statement-breakpoint
CREATE INDEX "catalog_remote_entries_search_idx" ON "catalog_remote_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "federation_kv_expires_idx" ON "federation_kv" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "federation_published_recent_idx" ON "federation_published" USING btree ("city_id","last_published_at");