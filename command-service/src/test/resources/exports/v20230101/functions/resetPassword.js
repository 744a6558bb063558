exports = async function(details) { return { status: "fail" }; };
