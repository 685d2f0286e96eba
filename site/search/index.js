ArchiveSearch.register("index",{"blockSize":4096,"documents":5,"namesPerFile":64,"terms":["000"],"version":2});
