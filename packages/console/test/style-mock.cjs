// jest cannot parse CSS; components only need the import to succeed.
module.exports = {};
