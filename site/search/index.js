ArchiveSearch.register("index",{"blockSize":4096,"documents":5,"phrases":["000 indigenous","of our"],"terms":["000"],"version":1});
