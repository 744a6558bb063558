package dev.portico.query.api;

import dev.portico.query.query.FindUsers;

/** The listing's {@code page} and {@code size} parameters, checked. A size above the maximum is lowered to it. */
record Paging(int page, int size) {
    static final int DEFAULT_SIZE = 50;

    static Paging parse(String page, String size) {
        int pageNumber = page == null ? 0 : number("page", page);
        int pageSize = size == null ? DEFAULT_SIZE : number("size", size);
        if (pageNumber < 0) {
            throw ApiError.invalidParameter("page must be 0 or more");
        }
        if (pageSize < 1) {
            throw ApiError.invalidParameter("size must be 1 or more");
        }
        return new Paging(pageNumber, Math.min(pageSize, FindUsers.MAX_SIZE));
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidParameter(name + " must be a whole number");
        }
    }
}
