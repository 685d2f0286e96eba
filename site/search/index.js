ArchiveSearch.register("index",{"blockSize":4096,"documents":5,"terms":["000"],"version":1});
