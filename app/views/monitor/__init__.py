"""The Monitor page (issue 21, point 3): a region's indicators, the table of the one chosen
(values per year of the whole and of each municipality or organisation, the target) and its
line chart over the years."""
