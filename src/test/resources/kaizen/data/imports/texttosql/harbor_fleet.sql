-- Kaizen's own small database, in the shape the text-to-SQL releases ship (several tables,
-- declared types, keys). Tests build harbor_fleet.sqlite from this text with sqlite-jdbc.
CREATE TABLE "vessel" (
  "vessel_id" INTEGER PRIMARY KEY,
  "name" TEXT,
  "flag" VARCHAR(40),
  "tonnage" REAL,
  "built" INTEGER,
  "rank" INTEGER,
  "hull code" TEXT
);
CREATE TABLE "voyage" (
  "voyage_id" INTEGER PRIMARY KEY,
  "vessel_id" INTEGER,
  "port" TEXT,
  "departed" DATE,
  "cargo_tons" INTEGER,
  "notes" TEXT,
  FOREIGN KEY ("vessel_id") REFERENCES "vessel"("vessel_id")
);
CREATE TABLE "crew member" (
  "member_id" INTEGER PRIMARY KEY,
  "vessel_id" INTEGER,
  "name" TEXT,
  "role" TEXT,
  "years" NUMERIC
);
INSERT INTO "vessel" VALUES (1, 'Aurora', 'Norway', 1250.5, 1987, 2, 'AU-1');
INSERT INTO "vessel" VALUES (2, 'Brisa del Mar', 'Spain', 830.0, 1995, 3, 'BM''2');
INSERT INTO "vessel" VALUES (3, 'Kestrel', 'Norway', 2100.25, 2004, 1, NULL);
INSERT INTO "vessel" VALUES (4, 'Nordlys', 'Denmark', 640.75, 1979, 4, 'N`4');
INSERT INTO "vessel" VALUES (5, 'Pelican', NULL, 415.0, 2011, 5, 'PE-5');
INSERT INTO "voyage" VALUES (10, 1, 'Bergen', '2019-03-14', 820, 'calm sea');
INSERT INTO "voyage" VALUES (11, 1, 'Hull', '2019-07-02', 640, 'bay\4');
INSERT INTO "voyage" VALUES (12, 2, 'Vigo', '2020-01-21', 455, NULL);
INSERT INTO "voyage" VALUES (13, 3, 'Bergen', '2020-05-30', 1310, 'ice "light"');
INSERT INTO "voyage" VALUES (14, 3, 'Tromso', '2021-11-09', 990, 'storm');
INSERT INTO "voyage" VALUES (15, 4, 'Aarhus', '2021-02-17', 300, 'calm sea');
INSERT INTO "voyage" VALUES (16, 5, 'Hull', '2022-08-05', 215, 'fog');
INSERT INTO "crew member" VALUES (100, 1, 'Ingrid Dahl', 'captain', 12);
INSERT INTO "crew member" VALUES (101, 1, 'Ola Berg', 'engineer', 4.5);
INSERT INTO "crew member" VALUES (102, 2, 'Lucía Ortega', 'captain', 9);
INSERT INTO "crew member" VALUES (103, 3, 'Per Lund', 'captain', 20);
INSERT INTO "crew member" VALUES (104, 3, 'Maja Holm', 'cook', 'two');
INSERT INTO "crew member" VALUES (105, 4, 'Søren Kirk', 'captain', 7);
