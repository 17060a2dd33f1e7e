DROP INDEX "volunteer_profiles_location_idx";--> statement-breakpoint
CREATE INDEX "volunteer_profiles_city_location_idx" ON "volunteer_profiles" USING gist ("city_id","location");