ArchiveSearch.register("n/0",["f934dfbeb4","e2d9ddb1c9","d2f41906b8","8a50da8378","b6b7cc0718"]);
