"""执法人员 page: roster, certificate quick check, roster import, lists."""
