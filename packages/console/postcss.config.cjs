// Mantine's CSS helpers (light-dark, rem, breakpoints) for any CSS module the console adds.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
