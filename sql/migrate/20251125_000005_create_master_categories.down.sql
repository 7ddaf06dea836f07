-- schema: master
DROP TABLE master.categories;
