import type { Database } from "../../db/connection.ts";
import type { City } from "../../platform/tenancy/index.ts";
import { importBudget } from "./import-budget.ts";
import { currentFiscalYear } from "./offsets.ts";
import { defaultFiscalYearStartMonth } from "./settings.ts";

/**
 * The demo city's budget for this fiscal year and the two before it, imported as a city would import
 * it: departments named like its agencies, and two (public works, police) that have none in Civitas.
 * Amounts in thousands of dollars: [total, federal] for the oldest year; later years grow a little.
 */
const programs: [department: string, program: string, total: number, federal: number][] = [
  ["Department of Health", "Immunization clinics", 2_400, 1_560],
  ["Department of Health", "Cooling and warming centres", 860, 410],
  ["Department of Health", "Food access", 1_900, 1_330],
  ["Parks and Recreation", "Recreation centres", 6_200, 640],
  ["Parks and Recreation", "Urban forestry", 1_150, 380],
  ["Parks and Recreation", "Trails and open space", 980, 120],
  ["Public Library", "Branches and bookmobile", 5_400, 210],
  ["Public Library", "Digital literacy", 620, 440],
  ["Office of Emergency Management", "Shelters and preparedness", 1_300, 910],
  ["Office of Emergency Management", "Hazard mitigation", 740, 600],
  ["Digital Service Office", "Digital services", 1_450, 290],
  ["Public Works", "Street maintenance", 9_800, 2_750],
  ["Public Works", "Stormwater", 3_100, 1_240],
  ["Police Department", "Patrol", 14_500, 380],
  ["Police Department", "Community violence intervention", 900, 630],
];

export function demoBudgetCsv(latestFiscalYear: number): string {
  const rows = ["department,program,fiscal_year,total_amount,federal_amount"];
  for (let step = 0; step < 3; step++) {
    const fiscalYear = latestFiscalYear - 2 + step;
    programs.forEach(([department, program, total, federal], index) => {
      // Totals grow about 3 % a year; federal funds grow more slowly, then the latest year is cut in places.
      const grownTotal = Math.round(total * 1_000 * (1 + 0.03 * step));
      const federalFactor = step < 2 ? 1 + 0.02 * step : index % 3 === 0 ? 0.85 : 1.01;
      const grownFederal = Math.min(grownTotal, Math.round(federal * 1_000 * federalFactor));
      rows.push(`${department},${program},${fiscalYear},${grownTotal}.00,${grownFederal}.00`);
    });
  }
  return `${rows.join("\n")}\n`;
}

export async function seedImpactDemo(db: Database, city: City, now = new Date()): Promise<void> {
  await importBudget({ db, city, actor: null, requestId: null }, demoBudgetCsv(currentFiscalYear(city.timeZone, defaultFiscalYearStartMonth, now)));
}
