self.QiaoSearchManifest={"version":1,"id":"f06cacb5e2163cef","docs":12,"shards":10,"fragmentDocs":2};
