-- schema: master
DROP TABLE master.locations;
