ArchiveSearch.register("phrases",["000 indigenous","our people"]);
