-- schema: public
DROP TABLE IF EXISTS public.migration_history;
