exports = function() {};
