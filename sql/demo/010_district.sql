-- Demo data: the Landkreis Musterkreis (an invented district; its code 05999
-- is unused in the official key) and six of its municipalities with
-- plausible figures. Safe to run again: rows are matched by their keys.

INSERT INTO district (code, name)
VALUES ('05999', 'Landkreis Musterkreis')
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name;

INSERT INTO municipality (district_id, ags, name, population, population_date,
                          foreign_share, migration_background_share, area_km2)
SELECT d.id, v.ags, v.name, v.population, v.population_date::date,
       v.foreign_share, v.migration_background_share, v.area_km2
  FROM district d,
       (VALUES
         ('05999004', 'Musterstadt',  48210, '2024-12-31', 14.30, 31.20, 96.40),
         ('05999008', 'Musterlingen', 21340, '2024-12-31',  9.10, NULL,  71.80),
         ('05999012', 'Lindenau',     12870, '2024-12-31',  7.40, 18.90, 54.10),
         ('05999016', 'Ölsdorf',       8904, '2024-12-31',  6.10, 15.00, 38.70),
         ('05999020', 'Weidenbach',    6420, '2024-12-31',  5.20, NULL,  44.20),
         ('05999024', 'Hohenfeld',     3115, '2024-12-31',  3.80, NULL,  29.60)
       ) AS v (ags, name, population, population_date, foreign_share,
               migration_background_share, area_km2)
 WHERE d.code = '05999'
ON CONFLICT (ags) DO UPDATE
   SET name = EXCLUDED.name,
       population = EXCLUDED.population,
       population_date = EXCLUDED.population_date,
       foreign_share = EXCLUDED.foreign_share,
       migration_background_share = EXCLUDED.migration_background_share,
       area_km2 = EXCLUDED.area_km2
 WHERE (municipality.name, municipality.population,
        municipality.population_date, municipality.foreign_share,
        municipality.migration_background_share, municipality.area_km2)
       IS DISTINCT FROM
       (EXCLUDED.name, EXCLUDED.population, EXCLUDED.population_date,
        EXCLUDED.foreign_share, EXCLUDED.migration_background_share,
        EXCLUDED.area_km2);
