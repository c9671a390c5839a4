-- Databases the services use; the official postgres image runs this once, on an empty data volume.
CREATE DATABASE user_service;
CREATE DATABASE profile_service;
