## Services catalogue
