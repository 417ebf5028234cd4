/**
 * Word lists for the demo clinic. Common first and last names are combined at random, so any match
 * with a real person is coincidence; organisations, streets and clinics are invented.
 */

export const FEMALE_FIRST_NAMES = [
  'Emma', 'Olivia', 'Ava', 'Sophie', 'Charlotte', 'Amelia', 'Grace', 'Hannah', 'Isla', 'Lily',
  'Maya', 'Nora', 'Ella', 'Leah', 'Abigail', 'Claire', 'Julia', 'Rachel', 'Sarah', 'Megan',
  'Laura', 'Emily', 'Jessica', 'Rebecca', 'Natalie', 'Karen', 'Linda', 'Susan', 'Diane', 'Helen',
  'Margaret', 'Patricia', 'Ruth', 'Joan', 'Anne', 'Alice', 'Priya', 'Mei', 'Aisha', 'Fatima',
  'Sofia', 'Elena', 'Ingrid', 'Tessa', 'Fiona', 'Molly', 'Jasmine', 'Naomi', 'Victoria', 'Zara',
] as const;

export const MALE_FIRST_NAMES = [
  'Liam', 'Noah', 'Oliver', 'Ethan', 'Lucas', 'Benjamin', 'Jack', 'Owen', 'Henry', 'Samuel',
  'Daniel', 'Matthew', 'Andrew', 'David', 'James', 'Michael', 'Robert', 'Thomas', 'Paul', 'Mark',
  'Kevin', 'Brian', 'Gary', 'Peter', 'George', 'Edward', 'Frank', 'Harold', 'Walter', 'Arthur',
  'Ryan', 'Tyler', 'Connor', 'Nathan', 'Adam', 'Simon', 'Raj', 'Wei', 'Omar', 'Ali',
  'Mateo', 'Diego', 'Marco', 'Erik', 'Lars', 'Callum', 'Declan', 'Isaac', 'Caleb', 'Felix',
] as const;

export const NEUTRAL_FIRST_NAMES = ['Alex', 'Jordan', 'Taylor', 'Sam', 'Robin', 'Casey', 'Morgan', 'Quinn', 'Riley', 'Jamie'] as const;

export const LAST_NAMES = [
  'Smith', 'Brown', 'Wilson', 'Taylor', 'Campbell', 'Anderson', 'Thompson', 'Martin', 'Walker', 'Young',
  'Clarke', 'Wright', 'Mitchell', 'Robinson', 'Harris', 'Lewis', 'Scott', 'Hall', 'Allen', 'King',
  'Baker', 'Carter', 'Bennett', 'Cooper', 'Fraser', 'Graham', 'Hughes', 'Murray', 'Reid', 'Stewart',
  'Morrison', 'Fletcher', 'Hayes', 'Porter', 'Sutton', 'Dawson', 'Ellis', 'Fisher', 'Gibson', 'Holt',
  'Chen', 'Wong', 'Li', 'Nguyen', 'Tran', 'Kim', 'Park', 'Singh', 'Patel', 'Sharma',
  'Gill', 'Sandhu', 'Dhillon', 'Khan', 'Ahmed', 'Hassan', 'Garcia', 'Lopez', 'Rossi', 'Silva',
  'Novak', 'Kowalski', 'Jansen', 'Larsen', 'Olsen', 'Murphy', 'Kelly', 'Byrne', 'Walsh', 'Doyle',
  'Roy', 'Tremblay', 'Gagnon', 'Bouchard', 'Pelletier', 'Lavoie', 'MacDonald', 'MacLeod', 'McKenzie', 'Ross',
] as const;

/**
 * Names and places with accents, included on purpose so that rendering (fonts, fax pages, search)
 * meets non-ASCII text in the demo data.
 */
export const ACCENTED_PATIENTS = [
  { firstName: 'Chloé', lastName: 'Desrosiers', sex: 'female' },
  { firstName: 'Zoë', lastName: 'Müller', sex: 'female' },
  { firstName: 'José', lastName: 'Núñez', sex: 'male' },
  { firstName: 'Åsa', lastName: 'Ångström', sex: 'female' },
  { firstName: 'François', lastName: 'Bélanger', sex: 'male' },
  { firstName: 'Søren', lastName: 'Kjærgaard', sex: 'male' },
] as const;

export const STREET_NAMES = [
  'Alder', 'Birch', 'Cedar', 'Dogwood', 'Elm', 'Fir', 'Hawthorn', 'Juniper', 'Larch', 'Maple',
  'Oak', 'Pine', 'Rowan', 'Spruce', 'Willow', 'Arbutus', 'Heron', 'Kestrel', 'Osprey', 'Tidewater',
  'Foreshore', 'Lantern', 'Quarry', 'Orchard', 'Millstream', 'Seabright', 'Brightwater', 'Copperleaf',
] as const;

export const STREET_KINDS = ['Street', 'Avenue', 'Drive', 'Crescent', 'Road', 'Lane', 'Place', 'Way'] as const;

/** Invented place words for organisation names ("Copperleaf Family Medicine"). */
export const ORG_PLACE_WORDS = [
  'Copperleaf', 'Brightwater', 'Tidewater', 'Kestrel Bay', 'Millstream', 'Lantern Hill', 'Foreshore',
  'Seabright', 'Quarry Point', 'Heronwood', 'Orchard Park', 'Alderbrook', 'Stillwater', 'Juniper Ridge',
] as const;

export const PATIENT_EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'] as const;

export interface ClinicProfile {
  name: string;
  slug: string;
  addressLine1: string;
  city: string;
  region: string;
  country: 'CA' | 'US';
  timeZone: string;
  areaCodes: readonly string[];
  /** Nearby towns patients live in. */
  patientCities: readonly string[];
  /** Names of the two locations. */
  locationNames: readonly [string, string];
  locationStreets: readonly [string, string];
  /** First three characters of Canadian postal codes, or first three digits of US ZIP codes. */
  postalPrefixes: readonly string[];
  /** Name of the workers' compensation board style contact for this region (invented). */
  compensationBoard: string;
}

/**
 * One profile per demo clinic; clinicIndex picks one (wrapping around with a number appended). They span
 * several zones, including one without DST, so multi-clinic load tests exercise time-zone handling.
 */
export const CLINIC_PROFILES: readonly ClinicProfile[] = [
  {
    name: 'Harbourview Health Collective',
    slug: 'harbourview',
    addressLine1: '410 Seabright Street, Suite 200',
    city: 'Vancouver',
    region: 'BC',
    country: 'CA',
    timeZone: 'America/Vancouver',
    areaCodes: ['604', '778', '236'],
    patientCities: ['Vancouver', 'Vancouver', 'Vancouver', 'Burnaby', 'Richmond', 'North Vancouver', 'New Westminster'],
    locationNames: ['Harbourview — Waterfront', 'Harbourview — Kitsilano'],
    locationStreets: ['410 Seabright Street, Suite 200', '2215 Copperleaf Avenue'],
    postalPrefixes: ['V5K', 'V5L', 'V5N', 'V6B', 'V6H', 'V6K', 'V6R', 'V5Z'],
    compensationBoard: 'Coastal Workers’ Compensation Board',
  },
  {
    name: 'Cedar Ridge Wellness Clinic',
    slug: 'cedar-ridge',
    addressLine1: '88 Kestrel Road SW',
    city: 'Calgary',
    region: 'AB',
    country: 'CA',
    timeZone: 'America/Edmonton',
    areaCodes: ['403', '587'],
    patientCities: ['Calgary', 'Calgary', 'Airdrie', 'Cochrane', 'Okotoks'],
    locationNames: ['Cedar Ridge — Beltline', 'Cedar Ridge — Northgate'],
    locationStreets: ['88 Kestrel Road SW', '1450 Alder Drive NE'],
    postalPrefixes: ['T2P', 'T2R', 'T3A', 'T3H', 'T2E'],
    compensationBoard: 'Prairie Workers’ Compensation Board',
  },
  {
    name: 'Riverbend Integrated Health',
    slug: 'riverbend',
    addressLine1: '520 Millstream Avenue',
    city: 'Toronto',
    region: 'ON',
    country: 'CA',
    timeZone: 'America/Toronto',
    areaCodes: ['416', '647', '437'],
    patientCities: ['Toronto', 'Toronto', 'Mississauga', 'Etobicoke', 'Scarborough'],
    locationNames: ['Riverbend — Downtown', 'Riverbend — Lakeside'],
    locationStreets: ['520 Millstream Avenue', '77 Heron Crescent'],
    postalPrefixes: ['M5V', 'M4K', 'M6J', 'M6P', 'M4L'],
    compensationBoard: 'Lakes Region Workplace Insurance Board',
  },
  {
    name: 'Pinecrest Rehab & Wellness',
    slug: 'pinecrest',
    addressLine1: '1300 Tidewater Way, Suite 4',
    city: 'Seattle',
    region: 'WA',
    country: 'US',
    timeZone: 'America/Los_Angeles',
    areaCodes: ['206', '425'],
    patientCities: ['Seattle', 'Seattle', 'Bellevue', 'Redmond', 'Shoreline'],
    locationNames: ['Pinecrest — Capitol Hill', 'Pinecrest — Eastside'],
    locationStreets: ['1300 Tidewater Way, Suite 4', '640 Juniper Lane'],
    postalPrefixes: ['981', '980'],
    compensationBoard: 'Evergreen State Workers’ Compensation Board',
  },
  {
    name: 'Saguaro Movement & Mind',
    slug: 'saguaro',
    addressLine1: '2100 Quarry Road',
    city: 'Phoenix',
    region: 'AZ',
    country: 'US',
    timeZone: 'America/Phoenix',
    areaCodes: ['602', '480'],
    patientCities: ['Phoenix', 'Phoenix', 'Tempe', 'Mesa', 'Scottsdale'],
    locationNames: ['Saguaro — Midtown', 'Saguaro — Tempe'],
    locationStreets: ['2100 Quarry Road', '315 Orchard Place'],
    postalPrefixes: ['850', '852'],
    compensationBoard: 'Desert State Industrial Commission (Claims)',
  },
  {
    name: 'Bayside Collaborative Care',
    slug: 'bayside',
    addressLine1: '45 Lantern Hill Road',
    city: 'Halifax',
    region: 'NS',
    country: 'CA',
    timeZone: 'America/Halifax',
    areaCodes: ['902', '782'],
    patientCities: ['Halifax', 'Halifax', 'Dartmouth', 'Bedford'],
    locationNames: ['Bayside — North End', 'Bayside — Dartmouth'],
    locationStreets: ['45 Lantern Hill Road', '980 Osprey Drive'],
    postalPrefixes: ['B3H', 'B3K', 'B2Y', 'B4A'],
    compensationBoard: 'Atlantic Workers’ Compensation Board',
  },
];
