const { graphql, buildSchema, parse, print, validate, GraphQLSchema, GraphQLObjectType, GraphQLString, GraphQLInt, GraphQLList, GraphQLNonNull } = require('graphql');
const schema = buildSchema(`type Query { hello(name: String = "world"): String, users(limit: Int): [User!]!, user(id: ID!): User }
  type User { id: ID!, name: String!, friends: [User!]! }`);
const users = [{ id: '1', name: 'Ann', friendIds: ['2'] }, { id: '2', name: 'Bob', friendIds: ['1'] }];
const rootValue = {
  hello: ({ name }) => `Hello ${name}!`,
  users: ({ limit }) => users.slice(0, limit ?? users.length).map(mk),
  user: async ({ id }) => mk(users.find((u) => u.id === id)),
};
function mk(u) { return u && { ...u, friends: () => u.friendIds.map((id) => mk(users.find((x) => x.id === id))) }; }
(async () => {
  console.log(JSON.stringify(await graphql({ schema, source: '{ hello, named: hello(name: "GQL"), users(limit: 1) { name friends { name } } }', rootValue })));
  console.log(JSON.stringify(await graphql({ schema, source: 'query Q($id: ID!) { user(id: $id) { id name } }', rootValue, variableValues: { id: '2' } })));
  console.log(JSON.stringify(await graphql({ schema, source: '{ nope }', rootValue })));
  console.log(validate(schema, parse('{ user { name } }')).map((e) => e.message));
  console.log(print(parse('query   A{a(x:1){b ...F}} fragment F on T{c}')));
  const Q = new GraphQLObjectType({ name: 'Q', fields: { sum: { type: new GraphQLNonNull(GraphQLInt), args: { xs: { type: new GraphQLList(GraphQLInt) } }, resolve: (_, { xs }) => xs.reduce((a, b) => a + b, 0) }, s: { type: GraphQLString, resolve: () => { throw new Error('resolver failed'); } } } });
  console.log(JSON.stringify(await graphql({ schema: new GraphQLSchema({ query: Q }), source: '{ sum(xs: [1, 2, 3]) s }' })));
})();
