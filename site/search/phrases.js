ArchiveSearch.register("phrases",["000 indigenous","ouster congress"]);
