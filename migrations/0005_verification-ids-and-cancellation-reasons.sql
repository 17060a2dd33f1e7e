ALTER TABLE "verifications" ALTER COLUMN "id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "shifts" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "signups" ADD COLUMN "cancellation_reason" text;