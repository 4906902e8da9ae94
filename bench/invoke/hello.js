module.exports = (req, res) => {
  res.type('text').send('Hello, world');
};
